using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketClaimTests
{
    [Fact]
    public async Task Two_agents_never_claim_the_same_ticket()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2"), NoLeader()], Both, At(0), CancellationToken.None);

        var a = await store.ClaimNextAsync(Subject, "agent-a", TimeSpan.FromMinutes(1), At(1), CancellationToken.None);
        var b = await store.ClaimNextAsync(Subject, "agent-b", TimeSpan.FromMinutes(1), At(1), CancellationToken.None);
        var c = await store.ClaimNextAsync(Subject, "agent-c", TimeSpan.FromMinutes(1), At(1), CancellationToken.None);

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(a!.Id, b!.Id);
        Assert.Null(c);
        Assert.Contains(await store.EventsAsync(a.Id, CancellationToken.None), e => e.Kind == "claimed" && e.Detail.Contains("agent-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_diagnosed_ticket_is_not_claimed_again_and_a_stale_claim_can_be_taken_over()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2"), NoLeader()], Both, At(0), CancellationToken.None);
        var first = await store.ClaimNextAsync(Subject, "a", TimeSpan.FromSeconds(30), At(1), CancellationToken.None);
        await store.SetDiagnosisAsync(first!.Id, """{"cause":"process_crashed"}""", At(2), CancellationToken.None);
        var second = await store.ClaimNextAsync(Subject, "a", TimeSpan.FromSeconds(30), At(2), CancellationToken.None);
        Assert.NotEqual(first.Id, second!.Id);

        // Agent "a" dies holding the second ticket: before the lease ends nobody may take it, after it anyone may.
        Assert.Null(await store.ClaimNextAsync(Subject, "b", TimeSpan.FromSeconds(30), At(20), CancellationToken.None));
        var takeover = await store.ClaimNextAsync(Subject, "b", TimeSpan.FromSeconds(30), At(40), CancellationToken.None);
        Assert.Equal(second.Id, takeover!.Id);
        Assert.Equal(TicketStatus.Diagnosed, (await store.GetAsync(first.Id, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Released_ticket_can_be_claimed_again_and_similar_tickets_prefer_the_same_node()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2")], Evaluated("member_down"), At(0), CancellationToken.None);
        var t1 = await store.ClaimNextAsync(Subject, "a", TimeSpan.FromMinutes(1), At(1), CancellationToken.None);
        await store.ReleaseClaimAsync(t1!.Id, "a", "engine failed", At(2), CancellationToken.None);
        var again = await store.ClaimNextAsync(Subject, "b", TimeSpan.FromMinutes(1), At(3), CancellationToken.None);
        Assert.Equal(t1.Id, again!.Id);
        await store.SetDiagnosisAsync(t1.Id, "{}", At(4), CancellationToken.None);
        await store.ApplyCycleAsync(Subject, [], Evaluated("member_down"), At(5), CancellationToken.None);

        await store.ApplyCycleAsync(Subject, [MemberDown("n3")], Evaluated("member_down"), At(6), CancellationToken.None);
        var n3 = await store.ClaimNextAsync(Subject, "a", TimeSpan.FromMinutes(1), At(7), CancellationToken.None);
        await store.SetDiagnosisAsync(n3!.Id, "{}", At(8), CancellationToken.None);
        await store.ApplyCycleAsync(Subject, [], Evaluated("member_down"), At(9), CancellationToken.None);

        await store.ApplyCycleAsync(Subject, [MemberDown("n2")], Evaluated("member_down"), At(10), CancellationToken.None);
        var current = (await store.ListAsync(TicketFilter.Open, CancellationToken.None)).Single();
        var similar = await store.SimilarAsync(current, 3, CancellationToken.None);
        Assert.Equal([t1.Id, n3.Id], similar.Select(t => t.Id));
    }
}
