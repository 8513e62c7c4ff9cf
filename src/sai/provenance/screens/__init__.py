"""Data screens for poisoning and sanitisation (5.2.1-4.1): one plugin per kind of problem."""

from sai.provenance.screens.base import Finding, Screen, ScreenInput
from sai.provenance.screens.registry import SCREENS, build_screens

__all__ = ["SCREENS", "Finding", "Screen", "ScreenInput", "build_screens"]
