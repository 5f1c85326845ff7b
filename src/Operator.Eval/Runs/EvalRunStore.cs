using System.Globalization;
using Microsoft.Data.Sqlite;
using Operator.Core;
using Operator.Core.Time;
using Operator.Eval.Scoring;

namespace Operator.Eval.Runs;

/// <summary>
/// One evaluation run's SQLite file (<c>&lt;run dir&gt;/eval.db</c>): the run's settings, one row per finished trial
/// (ground truth, timings, the first ticket and its diagnosis) and every ticket each trial opened with its diagnosis
/// JSON. A trial is written in one transaction once it is over, so an interrupted run resumes at the first missing one.
/// </summary>
public sealed class EvalRunStore
{
    public const string FileName = "eval.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS run (
            id TEXT NOT NULL, created_at TEXT NOT NULL, engine TEXT NOT NULL, faults TEXT NOT NULL, trials INTEGER NOT NULL,
            status TEXT NOT NULL, finished_at TEXT);
        CREATE TABLE IF NOT EXISTS trials (
            fault TEXT NOT NULL, trial INTEGER NOT NULL, node TEXT, cause TEXT NOT NULL, invariant TEXT NOT NULL,
            injected_at TEXT NOT NULL,
            ticket_id INTEGER, ticket_invariant TEXT, ticket_node TEXT, ticket_opened_at TEXT,
            diagnosis_cause TEXT, diagnosis_node TEXT, diagnosis_confidence REAL, diagnosed_at TEXT,
            recovered_at TEXT, tickets_opened INTEGER NOT NULL, contaminated INTEGER NOT NULL, note TEXT,
            PRIMARY KEY (fault, trial));
        CREATE TABLE IF NOT EXISTS tickets (
            fault TEXT NOT NULL, trial INTEGER NOT NULL, ticket_id INTEGER NOT NULL, invariant TEXT NOT NULL, target TEXT NOT NULL,
            node TEXT, opened_at TEXT NOT NULL, resolved_at TEXT, diagnosis TEXT,
            PRIMARY KEY (fault, trial, ticket_id));
        """;

    private readonly string _connectionString;

    private EvalRunStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Whether <paramref name="directory"/> holds a run.</summary>
    public static bool ExistsIn(string directory) => File.Exists(System.IO.Path.Combine(directory, FileName));

    /// <summary>Opens (creating when missing) the run store in <paramref name="directory"/>.</summary>
    public static async Task<EvalRunStore> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, FileName));
        try
        {
            Directory.CreateDirectory(directory);
            var store = new EvalRunStore(path);
            await store.ExecuteAsync(Schema, _ => { }, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"open the evaluation run {path}: {e.Message}; pass another --out, or remove a damaged run directory", e);
        }
    }

    /// <summary>The recorded run settings, or null for a new store.</summary>
    public async Task<EvalRunInfo?> InfoAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, created_at, engine, faults, trials, status, finished_at FROM run LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new EvalRunInfo(
            reader.GetString(0),
            Timestamps.Parse(reader.GetString(1)),
            reader.GetString(2),
            reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
            reader.GetInt32(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : Timestamps.Parse(reader.GetString(6)));
    }

    /// <summary>Records the run's settings (replacing earlier ones).</summary>
    public Task SaveInfoAsync(EvalRunInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        return ExecuteAsync(
            "DELETE FROM run; INSERT INTO run (id, created_at, engine, faults, trials, status, finished_at) VALUES ($id, $created, $engine, $faults, $trials, $status, $finished)",
            c =>
            {
                c.Parameters.AddWithValue("$id", info.Id);
                c.Parameters.AddWithValue("$created", Timestamps.ToWire(info.CreatedAt));
                c.Parameters.AddWithValue("$engine", info.Engine);
                c.Parameters.AddWithValue("$faults", string.Join(',', info.Faults));
                c.Parameters.AddWithValue("$trials", info.Trials);
                c.Parameters.AddWithValue("$status", info.Status);
                c.Parameters.AddWithValue("$finished", (object?)Timestamps.ToWire(info.FinishedAt) ?? DBNull.Value);
            },
            cancellationToken);
    }

    /// <summary>Stores one finished trial and its tickets in one transaction (replacing an earlier copy).</summary>
    public async Task SaveTrialAsync(StoredTrial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var r = trial.Record;
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM trials WHERE fault = $f AND trial = $t; DELETE FROM tickets WHERE fault = $f AND trial = $t";
            delete.Parameters.AddWithValue("$f", r.Truth.Fault);
            delete.Parameters.AddWithValue("$t", r.Trial);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO trials (fault, trial, node, cause, invariant, injected_at, ticket_id, ticket_invariant, ticket_node, ticket_opened_at,
                    diagnosis_cause, diagnosis_node, diagnosis_confidence, diagnosed_at, recovered_at, tickets_opened, contaminated, note)
                VALUES ($f, $t, $node, $cause, $inv, $inj, $tid, $tinv, $tnode, $topen, $dcause, $dnode, $dconf, $dat, $rec, $opened, $cont, $note)
                """;
            var p = insert.Parameters;
            p.AddWithValue("$f", r.Truth.Fault);
            p.AddWithValue("$t", r.Trial);
            p.AddWithValue("$node", Db(r.Truth.Node));
            p.AddWithValue("$cause", r.Truth.Cause);
            p.AddWithValue("$inv", r.Truth.Invariant);
            p.AddWithValue("$inj", Timestamps.ToWire(r.InjectedAt));
            p.AddWithValue("$tid", Db(r.FirstTicket?.Id));
            p.AddWithValue("$tinv", Db(r.FirstTicket?.Invariant));
            p.AddWithValue("$tnode", Db(r.FirstTicket?.Node));
            p.AddWithValue("$topen", Db(Timestamps.ToWire(r.FirstTicket?.OpenedAt)));
            p.AddWithValue("$dcause", Db(r.Diagnosis?.Cause));
            p.AddWithValue("$dnode", Db(r.Diagnosis?.Node));
            p.AddWithValue("$dconf", Db(r.Diagnosis?.Confidence));
            p.AddWithValue("$dat", Db(Timestamps.ToWire(r.Diagnosis?.At)));
            p.AddWithValue("$rec", Db(Timestamps.ToWire(r.RecoveredAt)));
            p.AddWithValue("$opened", r.TicketsOpened);
            p.AddWithValue("$cont", r.Contaminated ? 1 : 0);
            p.AddWithValue("$note", Db(trial.Note));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var ticket in trial.Tickets)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT OR REPLACE INTO tickets (fault, trial, ticket_id, invariant, target, node, opened_at, resolved_at, diagnosis)
                VALUES ($f, $t, $id, $inv, $target, $node, $opened, $resolved, $diagnosis)
                """;
            var p = insert.Parameters;
            p.AddWithValue("$f", r.Truth.Fault);
            p.AddWithValue("$t", r.Trial);
            p.AddWithValue("$id", ticket.Id);
            p.AddWithValue("$inv", ticket.Invariant);
            p.AddWithValue("$target", ticket.Target);
            p.AddWithValue("$node", Db(ticket.Node));
            p.AddWithValue("$opened", Timestamps.ToWire(ticket.OpenedAt));
            p.AddWithValue("$resolved", Db(Timestamps.ToWire(ticket.ResolvedAt)));
            p.AddWithValue("$diagnosis", Db(ticket.DiagnosisJson));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every stored trial, in fault then trial order, with its tickets.</summary>
    public async Task<IReadOnlyList<StoredTrial>> TrialsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tickets = new Dictionary<(string, int), List<TrialTicketRow>>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT fault, trial, ticket_id, invariant, target, node, opened_at, resolved_at, diagnosis FROM tickets ORDER BY ticket_id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = (reader.GetString(0), reader.GetInt32(1));
                if (!tickets.TryGetValue(key, out var list))
                {
                    tickets[key] = list = [];
                }

                list.Add(new TrialTicketRow(
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    Text(reader, 5),
                    Timestamps.Parse(reader.GetString(6)),
                    Time(reader, 7),
                    Text(reader, 8)));
            }
        }

        var trials = new List<StoredTrial>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT fault, trial, node, cause, invariant, injected_at, ticket_id, ticket_invariant, ticket_node, ticket_opened_at,
                    diagnosis_cause, diagnosis_node, diagnosis_confidence, diagnosed_at, recovered_at, tickets_opened, contaminated, note
                FROM trials ORDER BY rowid
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var truth = new GroundTruth(reader.GetString(0), Text(reader, 2), reader.GetString(3), reader.GetString(4));
                var ticket = reader.IsDBNull(6)
                    ? null
                    : new TrialTicket(reader.GetInt64(6), reader.GetString(7), Text(reader, 8), Timestamps.Parse(reader.GetString(9)));
                var diagnosis = reader.IsDBNull(10)
                    ? null
                    : new TrialDiagnosis(reader.GetString(10), Text(reader, 11), reader.GetDouble(12), Timestamps.Parse(reader.GetString(13)));
                var record = new TrialRecord(
                    truth,
                    reader.GetInt32(1),
                    Timestamps.Parse(reader.GetString(5)),
                    ticket,
                    diagnosis,
                    Time(reader, 14),
                    reader.GetInt32(15),
                    reader.GetInt32(16) != 0);
                trials.Add(new StoredTrial(record, Text(reader, 17), tickets.GetValueOrDefault((truth.Fault, record.Trial)) ?? []));
            }
        }

        return trials;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout = 5000";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new OperatorException($"open the evaluation run {Path}: {e.Message}; it may be damaged, start a new run with another --out", e);
        }
    }

    private async Task ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static object Db(object? value) => value ?? DBNull.Value;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamps.Parse(reader.GetString(ordinal));
}
