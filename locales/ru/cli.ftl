# Messages of the commands (stderr, why, check). Owned by the CLI; ids start with cli-.
