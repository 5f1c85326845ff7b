namespace Operator.Core.Tickets;

/// <summary>The ticket database's identity and its ordered migrations. Append steps; never edit a released one.</summary>
internal static class TicketSchema
{
    /// <summary><c>PRAGMA application_id</c> of Operator databases: ASCII "OPTR".</summary>
    public const int ApplicationId = 0x4F505452;

    public static IReadOnlyList<TicketMigration> Migrations { get; } =
    [
        new(1, "tickets and their event history", """
            CREATE TABLE tickets (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                subject       TEXT    NOT NULL,
                invariant     TEXT    NOT NULL,
                target        TEXT    NOT NULL,
                node          TEXT,
                status        TEXT    NOT NULL CHECK (status IN ('open', 'diagnosed', 'resolved')),
                severity      TEXT    NOT NULL,
                message       TEXT    NOT NULL,
                first_seen_at TEXT    NOT NULL,
                last_seen_at  TEXT    NOT NULL,
                resolved_at   TEXT,
                cleared_at    TEXT,
                occurrences   INTEGER NOT NULL,
                held          INTEGER NOT NULL DEFAULT 0,
                flapping      INTEGER NOT NULL DEFAULT 0,
                snapshot      TEXT    NOT NULL,
                diagnosis     TEXT
            );
            -- Dedup, enforced by the database too: at most one unresolved ticket per subject and key.
            CREATE UNIQUE INDEX tickets_unresolved_key ON tickets (subject, invariant, target) WHERE status <> 'resolved';
            CREATE INDEX tickets_key ON tickets (subject, invariant, target, id);
            CREATE INDEX tickets_status ON tickets (status, id);
            CREATE TABLE ticket_events (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                ticket_id INTEGER NOT NULL REFERENCES tickets (id),
                at        TEXT    NOT NULL,
                kind      TEXT    NOT NULL,
                detail    TEXT    NOT NULL
            );
            CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);
            CREATE INDEX ticket_events_kind_at ON ticket_events (kind, at);
            """),
        new(2, "agent claims on tickets", """
            ALTER TABLE tickets ADD COLUMN claimed_by TEXT;
            ALTER TABLE tickets ADD COLUMN claimed_at TEXT;
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;
}
