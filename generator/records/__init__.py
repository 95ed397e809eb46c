"""The records layer: parse the YAML files with positions, check each against its model, load the program."""
