"""ATIPSOM Navigator: Act 670 as data, every version of every section, and the tools around it."""

__version__ = "0.1.0"
