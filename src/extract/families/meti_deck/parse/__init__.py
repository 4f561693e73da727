"""The deck parsed: its pages found, each slide read into records citing their lines."""
