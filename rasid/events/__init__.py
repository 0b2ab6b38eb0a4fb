"""The event coder's parts: trigger lexicon, argument finding, ACLED coding, merging."""
