"""`sai demo`: build a small, real example AI system and run every sai control on it."""

from sai.demo.example import ExampleSystem, build_example_system
from sai.demo.run import DemoResult, run_demo

__all__ = ["DemoResult", "ExampleSystem", "build_example_system", "run_demo"]
