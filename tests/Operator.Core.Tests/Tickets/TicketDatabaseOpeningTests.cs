using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketDatabaseOpeningTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("operator.db");

    private static async Task<object?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static byte[] Hash(string path) => SHA256.HashData(File.ReadAllBytes(path));

    private async Task AssertRefusedUntouchedAsync(string expectedFragment)
    {
        var before = Hash(DbPath);
        var length = new FileInfo(DbPath).Length;

        var ex = await Assert.ThrowsAsync<OperatorException>(() => TicketStore.OpenAsync(DbPath, ct: None));

        Assert.StartsWith($"ticket database {DbPath} ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expectedFragment, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(before, Hash(DbPath));
        Assert.Equal(length, new FileInfo(DbPath).Length);
        Assert.False(File.Exists(DbPath + "-wal"));
    }

    [Fact]
    public async Task Missing_file_is_created_with_operator_id_latest_schema_and_wal()
    {
        using var store = await TicketStore.OpenAsync(_dir.File("state/operator.db"), ct: None);

        var path = _dir.File("state/operator.db");
        Assert.Equal(path, store.Path);
        Assert.Equal(0x4F505452L, await ScalarAsync(path, "PRAGMA application_id"));
        Assert.Equal((long)TicketSchema.LatestVersion, await ScalarAsync(path, "PRAGMA user_version"));
        Assert.Equal("wal", await ScalarAsync(path, "PRAGMA journal_mode"));
        Assert.Empty(await store.ListAsync(TicketFilter.All, None));
    }

    [Fact]
    public async Task Empty_existing_file_is_initialised()
    {
        await File.WriteAllBytesAsync(DbPath, []);

        using var store = await TicketStore.OpenAsync(DbPath, ct: None);

        Assert.Equal((long)TicketSchema.LatestVersion, await ScalarAsync(DbPath, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Reopening_existing_database_keeps_tickets_and_events()
    {
        Ticket opened;
        using (var first = await OpenAsync(_dir))
        {
            opened = Assert.Single((await first.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None)).Opened);
            await first.HoldAsync(opened.Id, None);
        }

        using var second = await OpenAsync(_dir);

        Assert.Equal(opened with { Held = true }, await second.GetAsync(opened.Id, None));
        Assert.Equal(2, (await second.EventsAsync(opened.Id, None)).Count);
        Assert.Equal(1, (await second.ApplyCycleAsync(Subject, [MemberDown()], Both, At(1), None)).Refreshed);
    }

    [Fact]
    public async Task File_of_random_bytes_is_refused_and_left_byte_identical()
    {
        var bytes = new byte[8192];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(DbPath, bytes);

        await AssertRefusedUntouchedAsync("is not a SQLite database");
    }

    [Fact]
    public async Task File_with_sqlite_header_but_garbage_is_refused_and_left_byte_identical()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);
        await File.WriteAllBytesAsync(DbPath, bytes);

        await AssertRefusedUntouchedAsync("move it aside or choose another --state-dir");
    }

    [Fact]
    public async Task Sqlite_database_of_another_application_is_refused_and_left_byte_identical()
    {
        await ScalarAsync(DbPath, "CREATE TABLE users (id INTEGER); CREATE TABLE orders (id INTEGER); INSERT INTO users VALUES (1);");

        await AssertRefusedUntouchedAsync("is not an Operator database (it has tables orders, users); move it aside or choose another --state-dir");
        Assert.Equal(1L, await ScalarAsync(DbPath, "SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task Sqlite_database_with_another_application_id_is_refused_even_without_tables()
    {
        await ScalarAsync(DbPath, "PRAGMA application_id = 1234");

        await AssertRefusedUntouchedAsync("is not an Operator database (its application_id is 0x000004d2)");
    }

    [Fact]
    public async Task Newer_schema_is_refused_and_left_byte_identical()
    {
        using (await OpenAsync(_dir))
        {
        }

        await ScalarAsync(DbPath, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");

        await AssertRefusedUntouchedAsync($"has schema version 99, newer than the {TicketSchema.LatestVersion} this operator knows; upgrade operator");
    }

    [Fact]
    public async Task Directory_that_cannot_be_created_is_refused_in_one_line()
    {
        var blocker = _dir.File("not-a-dir");
        await File.WriteAllTextAsync(blocker, "x");
        var path = Path.Combine(blocker, "operator.db");

        var ex = await Assert.ThrowsAsync<OperatorException>(() => TicketStore.OpenAsync(path, ct: None));

        Assert.StartsWith($"ticket database {path} cannot be created: directory {blocker} cannot be created", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("choose another --state-dir", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Version_1_database_is_migrated_keeping_its_tickets()
    {
        var v1 = TicketSchema.Migrations.Single(m => m.Version == 1);
        await ScalarAsync(DbPath, $"PRAGMA application_id = {TicketSchema.ApplicationId}; {v1.Sql} PRAGMA user_version = 1;");
        await ScalarAsync(DbPath, """
            INSERT INTO tickets (subject, invariant, target, node, status, severity, message, first_seen_at, last_seen_at, occurrences, snapshot)
            VALUES ('etcd', 'member_down', 'n2', 'n2', 'open', 'critical', 'n2 is down', '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z', 1, '{}');
            """);

        using var store = await TicketStore.OpenAsync(DbPath, null, null, None);

        Assert.Equal((long)TicketSchema.LatestVersion, await ScalarAsync(DbPath, "PRAGMA user_version"));
        var claimed = await store.ClaimNextAsync("etcd", "agent", TimeSpan.FromMinutes(1), At(1), None);
        Assert.Equal("n2 is down", claimed!.Message);
    }
}
