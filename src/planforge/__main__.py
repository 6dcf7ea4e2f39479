"""`python -m planforge`."""

from planforge.cli import main

if __name__ == "__main__":
    main()
