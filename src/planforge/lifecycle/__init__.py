"""The plan's year: progress, recording it, roll-over, canonical layout, diffs and exports."""
