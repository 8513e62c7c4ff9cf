from tests._softhsm import softhsm

__all__ = ["softhsm"]
