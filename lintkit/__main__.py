from lintkit.cli import run

run()
