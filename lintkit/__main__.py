from lintkit.console import run

run()
