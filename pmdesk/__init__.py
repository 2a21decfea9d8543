"""PMDesk: run SPSS Modeler batch jobs from the desktop, on a remote or embedded service."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pmdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
