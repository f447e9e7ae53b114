"""``python -m shiftcell``: the command line, as the installed ``shiftcell`` script runs it."""

from shiftcell.tui.cli import main

main(prog_name="shiftcell")
