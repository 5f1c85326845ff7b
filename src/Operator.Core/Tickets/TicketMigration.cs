namespace Operator.Core.Tickets;

/// <summary>One step of the ticket schema; applying it brings <c>PRAGMA user_version</c> to <paramref name="Version"/>.</summary>
/// <param name="Version">Schema version after this step (1, 2, …, without gaps).</param>
/// <param name="Description">What the step changes.</param>
/// <param name="Sql">Statements to run inside the migration transaction.</param>
internal sealed record TicketMigration(int Version, string Description, string Sql);
