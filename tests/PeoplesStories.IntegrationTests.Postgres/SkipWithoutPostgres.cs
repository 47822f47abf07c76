namespace PeoplesStories.IntegrationTests;

// The suite's [Fact] and [Theory] resolve to these in this project (a namespace's own types come before
// the global `using Xunit`), so that every test reports as skipped, with the reason, where no PostgreSQL
// server answers, instead of failing; .ci/run fails on any skip, so CI never passes without running them.

/// <summary>xunit's Fact, skipped when <see cref="Infrastructure.PostgresServer.SkipReason"/> says so.</summary>
public sealed class FactAttribute : Xunit.FactAttribute
{
    public FactAttribute() => Skip = Infrastructure.PostgresServer.SkipReason;
}

/// <summary>xunit's Theory, skipped when <see cref="Infrastructure.PostgresServer.SkipReason"/> says so.</summary>
public sealed class TheoryAttribute : Xunit.TheoryAttribute
{
    public TheoryAttribute() => Skip = Infrastructure.PostgresServer.SkipReason;
}
