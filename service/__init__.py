"""The HTTP service and the command line, thin layers over ``model`` and ``training``."""
