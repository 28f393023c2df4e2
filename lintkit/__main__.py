import sys

from lintkit.cli import main

sys.exit(main())
