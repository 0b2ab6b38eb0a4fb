"""`python -m rasid.kb build-official FILE`: build the gazetteer from an official download."""
import sys

from rasid.kb.gazetteer import main

sys.exit(main())
