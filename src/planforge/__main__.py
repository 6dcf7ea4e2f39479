"""`python -m planforge`."""

from planforge.cli import run

if __name__ == "__main__":
    run()
