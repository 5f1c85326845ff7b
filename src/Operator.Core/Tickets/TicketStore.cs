using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Operator.Core.Invariants;
using Operator.Core.Time;

namespace Operator.Core.Tickets;

/// <summary>
/// Durable tickets in a SQLite file shared by the monitor and agent processes. Every change runs in one
/// <c>BEGIN IMMEDIATE</c> transaction that reads the current state, asks <see cref="TicketLifecycle"/> what to do and
/// writes the result, so concurrent writers never lose updates.
/// </summary>
public sealed class TicketStore : IDisposable
{
    private const string Columns =
        "id, subject, invariant, target, node, status, severity, message, first_seen_at, last_seen_at, resolved_at, " +
        "cleared_at, occurrences, held, flapping, snapshot, diagnosis";

    private readonly TicketDatabase _database;
    private readonly TicketLifecycle _lifecycle;
    private readonly TimeProvider _time;

    private TicketStore(TicketDatabase database, TicketLifecycle lifecycle, TimeProvider time)
    {
        _database = database;
        _lifecycle = lifecycle;
        _time = time;
    }

    /// <summary>Full path of the database file.</summary>
    public string Path => _database.Path;

    public TicketPolicy Policy => _lifecycle.Policy;

    /// <summary>
    /// Opens (creating or migrating) the ticket database at <paramref name="path"/>. Throws <see cref="OperatorException"/>
    /// for files that are not Operator databases, newer schemas and unwritable directories, leaving such files untouched.
    /// </summary>
    public static async Task<TicketStore> OpenAsync(string path, TicketPolicy? policy = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lifecycle = new TicketLifecycle(policy ?? TicketPolicy.Default);
        var database = await TicketDatabase.OpenAsync(path, ct);
        return new TicketStore(database, lifecycle, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Records one monitor cycle of <paramref name="subject"/>: opens, refreshes, reopens (flapping) and auto-resolves
    /// tickets in one transaction. Tickets of invariants not in <paramref name="evaluatedInvariants"/> are left alone.
    /// </summary>
    public Task<CycleOutcome> ApplyCycleAsync(
        string subject,
        IReadOnlyList<Violation> violations,
        IReadOnlySet<string> evaluatedInvariants,
        DateTimeOffset at,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        at = AsStored(at);
        return WriteAsync("record monitor cycle in", async (connection, transaction) =>
        {
            var unresolved = await QueryTicketsAsync(
                connection, transaction, "WHERE subject = $subject AND status <> 'resolved' ORDER BY id", ct, ("$subject", subject));
            var unresolvedKeys = unresolved.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
            var history = new Dictionary<string, TicketKeyHistory>(StringComparer.Ordinal);
            foreach (var violation in TicketLifecycle.DistinctByKey(violations).Where(v => !unresolvedKeys.Contains(v.Key)))
            {
                history[violation.Key] = await KeyHistoryAsync(connection, transaction, subject, violation, at, ct);
            }

            var decisions = _lifecycle.PlanCycle(subject, violations, evaluatedInvariants, unresolved, history, at);
            var opened = new List<Ticket>();
            var reopened = new List<Ticket>();
            var resolved = new List<Ticket>();
            var refreshed = 0;
            foreach (var decision in decisions)
            {
                var ticket = await PersistAsync(connection, transaction, decision, ct);
                switch (decision.Transition)
                {
                    case TicketTransition.Opened: opened.Add(ticket); break;
                    case TicketTransition.Reopened: reopened.Add(ticket); break;
                    case TicketTransition.Resolved: resolved.Add(ticket); break;
                    case TicketTransition.Refreshed: refreshed++; break;
                    default: break;
                }
            }

            return new CycleOutcome(opened, reopened, resolved, refreshed);
        }, ct);
    }

    /// <summary>Tickets matching <paramref name="filter"/>, oldest first.</summary>
    public Task<IReadOnlyList<Ticket>> ListAsync(TicketFilter filter, CancellationToken ct)
    {
        var where = filter switch
        {
            TicketFilter.Open => "WHERE status = 'open'",
            TicketFilter.Diagnosed => "WHERE status = 'diagnosed'",
            TicketFilter.Resolved => "WHERE status = 'resolved'",
            TicketFilter.Unresolved => "WHERE status <> 'resolved'",
            TicketFilter.All => string.Empty,
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
        };
        return ReadAsync("list tickets in", connection => QueryTicketsAsync(connection, null, $"{where} ORDER BY id", ct), ct);
    }

    /// <summary>Tickets whose id is above <paramref name="afterId"/> (those created since a known point), plus any still unresolved; oldest first.</summary>
    public Task<IReadOnlyList<Ticket>> ListRecentAsync(long afterId, CancellationToken ct) =>
        ReadAsync("list tickets in", connection => QueryTicketsAsync(connection, null, "WHERE id > $after OR status <> 'resolved' ORDER BY id", ct, ("$after", afterId)), ct);

    /// <summary>The highest ticket id so far (0 when there are none).</summary>
    public Task<long> LastIdAsync(CancellationToken ct) =>
        ReadAsync("read the last ticket id in", async connection =>
        {
            await using var command = Command(connection, null, "SELECT COALESCE(MAX(id), 0) FROM tickets");
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, ct);

    /// <summary>One ticket; throws <see cref="OperatorException"/> when it does not exist.</summary>
    public Task<Ticket> GetAsync(long id, CancellationToken ct) =>
        ReadAsync("read ticket from", connection => RequireTicketAsync(connection, null, id, ct), ct);

    /// <summary>The history of one ticket, oldest first; throws <see cref="OperatorException"/> when it does not exist.</summary>
    public Task<IReadOnlyList<TicketEvent>> EventsAsync(long id, CancellationToken ct) =>
        ReadAsync("read ticket events from", async connection =>
        {
            await RequireTicketAsync(connection, null, id, ct);
            await using var command = Command(connection, null, "SELECT at, kind, detail FROM ticket_events WHERE ticket_id = $id ORDER BY id", ("$id", id));
            await using var reader = await command.ExecuteReaderAsync(ct);
            var events = new List<TicketEvent>();
            while (await reader.ReadAsync(ct))
            {
                events.Add(new TicketEvent(Timestamps.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2)));
            }

            return (IReadOnlyList<TicketEvent>)events;
        }, ct);

    /// <summary>Resolves a ticket by hand; throws <see cref="OperatorException"/> when it is unknown or already resolved.</summary>
    public Task<Ticket> ResolveAsync(long id, string reason, CancellationToken ct) =>
        ChangeAsync("resolve ticket in", id, t => TicketLifecycle.Resolve(t, reason, AsStored(_time.GetUtcNow())), ct);

    /// <summary>Keeps a ticket unresolved even when its violation clears.</summary>
    public Task<Ticket> HoldAsync(long id, CancellationToken ct) =>
        ChangeAsync("hold ticket in", id, t => TicketLifecycle.Hold(t, AsStored(_time.GetUtcNow())), ct);

    /// <summary>Lets a held ticket auto-resolve again (at the next cycle that sees its violation cleared).</summary>
    public Task<Ticket> UnholdAsync(long id, CancellationToken ct) =>
        ChangeAsync("unhold ticket in", id, t => TicketLifecycle.Unhold(t, AsStored(_time.GetUtcNow())), ct);

    /// <summary>Stores a diagnosis (a JSON document) and moves an open ticket to diagnosed.</summary>
    public Task<Ticket> SetDiagnosisAsync(long id, string diagnosisJson, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(diagnosisJson);
        try
        {
            using var _ = JsonDocument.Parse(diagnosisJson);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"diagnosis for ticket {id} is not valid JSON: {ex.Message}", nameof(diagnosisJson), ex);
        }

        return WriteAsync("store diagnosis in", async (connection, transaction) =>
        {
            var decision = TicketLifecycle.Diagnose(await RequireTicketAsync(connection, transaction, id, ct), diagnosisJson, AsStored(at));
            var stored = await PersistAsync(connection, transaction, decision, ct);
            await using var release = Command(connection, transaction, "UPDATE tickets SET claimed_by = NULL, claimed_at = NULL WHERE id = $id", ("$id", id));
            await release.ExecuteNonQueryAsync(ct);
            return stored;
        }, ct);
    }

    /// <summary>
    /// Claims the oldest open ticket of <paramref name="subject"/> for <paramref name="agent"/>, atomically across
    /// processes, so two agents never diagnose the same ticket. A claim older than <paramref name="lease"/> (its agent
    /// died mid-diagnosis) can be taken over. Null when there is nothing to do.
    /// </summary>
    public Task<Ticket?> ClaimNextAsync(string subject, string agent, TimeSpan lease, DateTimeOffset at, CancellationToken ct)
    {
        at = AsStored(at);
        return WriteAsync("claim a ticket in", async (connection, transaction) =>
        {
            var next = await QueryTicketsAsync(
                connection,
                transaction,
                "WHERE subject = $subject AND status = 'open' AND (claimed_by IS NULL OR claimed_at < $stale) ORDER BY id LIMIT 1",
                ct,
                ("$subject", subject),
                ("$stale", Timestamps.ToWire(at - lease)));
            if (next.Count == 0)
            {
                return null;
            }

            var ticket = next[0];
            await using var claim = Command(
                connection, transaction, "UPDATE tickets SET claimed_by = $agent, claimed_at = $at WHERE id = $id", ("$agent", agent), ("$at", Timestamps.ToWire(at)), ("$id", ticket.Id));
            await claim.ExecuteNonQueryAsync(ct);
            await using var ev = Command(
                connection, transaction, "INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($id, $at, $kind, $detail)",
                ("$id", ticket.Id), ("$at", Timestamps.ToWire(at)), ("$kind", TicketEventKinds.Claimed), ("$detail", $"claimed by agent {agent}"));
            await ev.ExecuteNonQueryAsync(ct);
            return (Ticket?)ticket;
        }, ct);
    }

    /// <summary>Gives a claimed ticket back (the diagnosis failed) so another attempt can take it.</summary>
    public Task ReleaseClaimAsync(long id, string agent, string reason, DateTimeOffset at, CancellationToken ct) =>
        WriteAsync("release a ticket in", async (connection, transaction) =>
        {
            await using var release = Command(
                connection, transaction, "UPDATE tickets SET claimed_by = NULL, claimed_at = NULL WHERE id = $id AND claimed_by = $agent", ("$id", id), ("$agent", agent));
            if (await release.ExecuteNonQueryAsync(ct) > 0)
            {
                await using var ev = Command(
                    connection, transaction, "INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($id, $at, $kind, $detail)",
                    ("$id", id), ("$at", Timestamps.ToWire(AsStored(at))), ("$kind", TicketEventKinds.Released), ("$detail", reason));
                await ev.ExecuteNonQueryAsync(ct);
            }

            return 0;
        }, ct);

    /// <summary>Up to <paramref name="limit"/> earlier diagnosed tickets of the same invariant, same node first, newest first.</summary>
    public Task<IReadOnlyList<Ticket>> SimilarAsync(Ticket ticket, int limit, CancellationToken ct) =>
        ReadAsync("find similar tickets in", connection => QueryTicketsAsync(
            connection,
            null,
            """
            WHERE subject = $subject AND invariant = $invariant AND id <> $id AND diagnosis IS NOT NULL
            ORDER BY (node IS $node) DESC, id DESC LIMIT $limit
            """,
            ct,
            ("$subject", ticket.Subject),
            ("$invariant", ticket.Invariant),
            ("$id", ticket.Id),
            ("$node", ticket.Node),
            ("$limit", limit)), ct);

    /// <summary>Closes idle pooled connections to the file.</summary>
    public void Dispose() => _database.ReleasePool();

    /// <summary>Times are stored as UTC with milliseconds; returning them that way keeps returned and re-read tickets equal.</summary>
    private static DateTimeOffset AsStored(DateTimeOffset at) => Timestamps.Parse(Timestamps.ToWire(at));

    private static Ticket ReadTicket(SqliteDataReader reader) => new(
        Id: reader.GetInt64(0),
        Subject: reader.GetString(1),
        Invariant: reader.GetString(2),
        Target: reader.GetString(3),
        Node: reader.IsDBNull(4) ? null : reader.GetString(4),
        Status: TicketStatusNames.TryParse(reader.GetString(5), out var status)
            ? status
            : throw new InvalidDataException($"ticket {reader.GetInt64(0)} has unknown status '{reader.GetString(5)}'"),
        Severity: SeverityNames.TryParse(reader.GetString(6), out var severity)
            ? severity
            : throw new InvalidDataException($"ticket {reader.GetInt64(0)} has unknown severity '{reader.GetString(6)}'"),
        Message: reader.GetString(7),
        FirstSeenAt: Timestamps.Parse(reader.GetString(8)),
        LastSeenAt: Timestamps.Parse(reader.GetString(9)),
        ResolvedAt: reader.IsDBNull(10) ? null : Timestamps.Parse(reader.GetString(10)),
        ClearedAt: reader.IsDBNull(11) ? null : Timestamps.Parse(reader.GetString(11)),
        Occurrences: reader.GetInt64(12),
        Held: reader.GetInt64(13) != 0,
        Flapping: reader.GetInt64(14) != 0,
        Snapshot: reader.GetString(15),
        Diagnosis: reader.IsDBNull(16) ? null : reader.GetString(16));

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task<IReadOnlyList<Ticket>> QueryTicketsAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string tail, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, $"SELECT {Columns} FROM tickets {tail}", parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(ct))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    private static async Task<Ticket> RequireTicketAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, CancellationToken ct)
    {
        var found = await QueryTicketsAsync(connection, transaction, "WHERE id = $id", ct, ("$id", id));
        return found.Count == 1
            ? found[0]
            : throw new OperatorException($"ticket {id} does not exist; list them with `operator tickets list --status all`");
    }

    private async Task<TicketKeyHistory> KeyHistoryAsync(
        SqliteConnection connection, SqliteTransaction transaction, string subject, Violation violation, DateTimeOffset at, CancellationToken ct)
    {
        (string, object?)[] key = [("$subject", subject), ("$invariant", violation.Invariant), ("$target", violation.Target)];
        await using var count = Command(
            connection,
            transaction,
            """
            SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
            WHERE t.subject = $subject AND t.invariant = $invariant AND t.target = $target
              AND e.kind IN ('opened', 'reopened') AND e.at >= $since
            """,
            [.. key, ("$since", Timestamps.ToWire(_lifecycle.FlapWindowStart(at)))]);
        var openings = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var latest = await QueryTicketsAsync(
            connection, transaction, "WHERE subject = $subject AND invariant = $invariant AND target = $target ORDER BY id DESC LIMIT 1", ct, key);
        return new TicketKeyHistory(openings, latest.Count == 1 ? latest[0] : null);
    }

    private static async Task<Ticket> PersistAsync(SqliteConnection connection, SqliteTransaction transaction, TicketDecision decision, CancellationToken ct)
    {
        if (decision.Transition == TicketTransition.Unchanged)
        {
            return decision.Ticket;
        }

        var t = decision.Ticket;
        (string, object?)[] values =
        [
            ("$subject", t.Subject), ("$invariant", t.Invariant), ("$target", t.Target), ("$node", t.Node),
            ("$status", t.Status.ToWire()), ("$severity", t.Severity.ToWire()), ("$message", t.Message),
            ("$first", Timestamps.ToWire(t.FirstSeenAt)), ("$last", Timestamps.ToWire(t.LastSeenAt)),
            ("$resolved", Timestamps.ToWire(t.ResolvedAt)), ("$cleared", Timestamps.ToWire(t.ClearedAt)),
            ("$occurrences", t.Occurrences), ("$held", t.Held ? 1L : 0L), ("$flapping", t.Flapping ? 1L : 0L),
            ("$snapshot", t.Snapshot), ("$diagnosis", t.Diagnosis), ("$id", t.Id),
        ];

        if (t.Id == 0)
        {
            await using var insert = Command(
                connection,
                transaction,
                $"""
                INSERT INTO tickets ({Columns[4..]})
                VALUES ($subject, $invariant, $target, $node, $status, $severity, $message, $first, $last, $resolved,
                        $cleared, $occurrences, $held, $flapping, $snapshot, $diagnosis)
                RETURNING id
                """,
                values);
            t = t with { Id = Convert.ToInt64(await insert.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) };
        }
        else
        {
            await using var update = Command(
                connection,
                transaction,
                """
                UPDATE tickets SET node = $node, status = $status, severity = $severity, message = $message,
                    last_seen_at = $last, resolved_at = $resolved, cleared_at = $cleared, occurrences = $occurrences,
                    held = $held, flapping = $flapping, snapshot = $snapshot, diagnosis = $diagnosis
                WHERE id = $id
                """,
                values);
            await update.ExecuteNonQueryAsync(ct);
        }

        foreach (var e in decision.Events)
        {
            await using var insert = Command(
                connection,
                transaction,
                "INSERT INTO ticket_events (ticket_id, at, kind, detail) VALUES ($id, $at, $kind, $detail)",
                ("$id", t.Id), ("$at", Timestamps.ToWire(e.At)), ("$kind", e.Kind), ("$detail", e.Detail));
            await insert.ExecuteNonQueryAsync(ct);
        }

        return t;
    }

    private Task<Ticket> ChangeAsync(string operation, long id, Func<Ticket, TicketDecision> decide, CancellationToken ct) =>
        WriteAsync(operation, async (connection, transaction) =>
        {
            var decision = decide(await RequireTicketAsync(connection, transaction, id, ct));
            return await PersistAsync(connection, transaction, decision, ct);
        }, ct);

    /// <summary>Runs <paramref name="work"/> in BEGIN IMMEDIATE, so its reads and writes are one atomic step across processes.</summary>
    private async Task<T> WriteAsync<T>(string operation, Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var connection = await _database.ConnectAsync(ct);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        catch (SqliteException ex)
        {
            throw _database.Explain(operation, ex);
        }
    }

    private async Task<T> ReadAsync<T>(string operation, Func<SqliteConnection, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var connection = await _database.ConnectAsync(ct);
            return await work(connection);
        }
        catch (SqliteException ex)
        {
            throw _database.Explain(operation, ex);
        }
    }
}
