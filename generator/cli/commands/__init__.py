"""One module per `gaoxin` subcommand: `add_arguments(parser)` and `run(args) -> int`."""
