using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Operator.Core.Tickets;

/// <summary>
/// The SQLite file behind <see cref="TicketStore"/>: refuses files that are not Operator databases (without writing a
/// byte to them), creates and migrates its own, and opens connections set up for several writing processes.
/// </summary>
internal sealed class TicketDatabase
{
    private const string Advice = "move it aside or choose another --state-dir";

    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    private readonly string _connectionString;

    private TicketDatabase(string path)
    {
        Path = path;
        _connectionString = ConnectionString(path, SqliteOpenMode.ReadWriteCreate, pooling: true);
    }

    public string Path { get; }

    /// <summary>Opens the file at <paramref name="path"/>, creating or migrating it when it is (or will be) Operator's.</summary>
    public static async Task<TicketDatabase> OpenAsync(string path, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(full) ?? full;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException(
                $"ticket database {full} cannot be created: directory {directory} cannot be created ({ex.Message}); choose another --state-dir", ex);
        }

        if (Directory.Exists(full))
        {
            throw new OperatorException($"ticket database {full} is a directory, not a file; {Advice}");
        }

        var database = new TicketDatabase(full);
        try
        {
            if (new FileInfo(full) is { Exists: true, Length: > 0 })
            {
                database.RefuseIfNotSqlite();
                await database.RefuseIfForeignReadOnlyAsync(ct);
            }

            await database.MigrateAsync(ct);
        }
        catch (SqliteException ex)
        {
            throw database.Explain("open", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException(
                $"ticket database {full} cannot be read ({ex.Message}); check its permissions or choose another --state-dir", ex);
        }

        return database;
    }

    /// <summary>A pooled connection with the pragmas every writer must use.</summary>
    public async Task<SqliteConnection> ConnectAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, null, "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes idle pooled connections to the file.</summary>
    public void ReleasePool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Turns a SQLite failure into the one-line error the user sees.</summary>
    public OperatorException Explain(string operation, SqliteException ex)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        return ex.SqliteErrorCode switch
        {
            26 => new($"ticket database {Path} is not a SQLite database (file is not a database); {Advice}", ex),
            11 => new($"ticket database {Path} is corrupt ({ex.Message}); {Advice}", ex),
            3 or 8 or 14 => new($"{operation} ticket database {Path}: cannot open it for writing ({ex.Message}); check that {directory} is writable or choose another --state-dir", ex),
            _ => new($"{operation} ticket database {Path}: {ex.Message}", ex),
        };
    }

    internal static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = pooling,
            DefaultTimeout = 30,
        }.ToString();

    private static async Task<TicketDatabaseIdentity> IdentifyAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        async Task<long> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        var applicationId = await Scalar("PRAGMA application_id");
        var userVersion = await Scalar("PRAGMA user_version");
        var tables = new List<string>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            tables.Add(reader.GetString(0));
        }

        return new(applicationId, userVersion, tables);
    }

    private void RefuseIfNotSqlite()
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        using (var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new OperatorException($"ticket database {Path} is not a SQLite database (unrecognised file header); {Advice}");
        }
    }

    /// <summary>Looks at an existing file through a read-only connection, so a foreign file is never touched.</summary>
    private async Task RefuseIfForeignReadOnlyAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(ConnectionString(Path, SqliteOpenMode.ReadOnly, pooling: false));
        await connection.OpenAsync(ct);
        RefuseIfForeign(await IdentifyAsync(connection, null, ct));
    }

    private void RefuseIfForeign(TicketDatabaseIdentity identity)
    {
        if (identity.IsEmpty)
        {
            return;
        }

        if (!identity.IsOperator)
        {
            var what = identity.Tables.Count > 0
                ? $"it has tables {string.Join(", ", identity.Tables)}"
                : $"its application_id is 0x{identity.ApplicationId:x8}";
            throw new OperatorException($"ticket database {Path} is not an Operator database ({what}); {Advice}");
        }

        if (identity.UserVersion > TicketSchema.LatestVersion)
        {
            throw new OperatorException(
                $"ticket database {Path} has schema version {identity.UserVersion}, newer than the {TicketSchema.LatestVersion} this operator knows; upgrade operator or choose another --state-dir");
        }
    }

    /// <summary>Checks again under the write lock (another process may have created it meanwhile) and applies missing steps.</summary>
    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var identity = await IdentifyAsync(connection, transaction, ct);
        RefuseIfForeign(identity);
        foreach (var step in TicketSchema.Migrations.Where(m => m.Version > identity.UserVersion))
        {
            await ExecuteAsync(connection, transaction, step.Sql, ct);
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {step.Version.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        if (!identity.IsOperator)
        {
            await ExecuteAsync(connection, transaction, $"PRAGMA application_id = {TicketSchema.ApplicationId.ToString(CultureInfo.InvariantCulture)}", ct);
        }

        await transaction.CommitAsync(ct);
    }
}
