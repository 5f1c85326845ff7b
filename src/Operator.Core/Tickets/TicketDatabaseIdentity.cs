namespace Operator.Core.Tickets;

/// <summary>What a SQLite file says about itself, read before Operator writes anything to it.</summary>
/// <param name="ApplicationId"><c>PRAGMA application_id</c>.</param>
/// <param name="UserVersion"><c>PRAGMA user_version</c>, the schema version of Operator databases.</param>
/// <param name="Tables">Names of its tables, without SQLite's internal ones.</param>
internal sealed record TicketDatabaseIdentity(long ApplicationId, long UserVersion, IReadOnlyList<string> Tables)
{
    public bool IsEmpty => ApplicationId == 0 && UserVersion == 0 && Tables.Count == 0;

    public bool IsOperator => ApplicationId == TicketSchema.ApplicationId;
}
