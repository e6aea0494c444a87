# Messages of the commands (stderr, why, check). Owned by the CLI; ids start with cli-.

## The team log (referral::TeamError, cli::team_cmd).
cli-team-not-configured = no team log is configured
cli-team-exposed = the team log { $path } is { $what ->
    [writable] world-writable
   *[readable] world-readable
}: refused
cli-team-no-folder = the team log's folder { $dir } does not exist
cli-team-fix-configure = set [team] log = "/var/lib/pathways/team.db" in the system config ({ $path })
cli-team-fix-chmod = the administrator runs: chmod o-rwx { $path }
cli-team-fix-folder = the administrator runs: install -d -m 2770 -g pathways { $dir }
cli-team-fix-group = check that you are in the team's group and that the folder has mode 2770
cli-team-skipped = the team log was not written ({ $error }); { $fix }; your own log has the record and 'pathways team sync' copies it later
cli-team-synced = copied { $referrals ->
    [one] { $referrals } referral
   *[other] { $referrals } referrals
} and { $outcomes ->
    [one] { $outcomes } outcome
   *[other] { $outcomes } outcomes
} to the team log { $path }
