namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>
/// The tests that look at what the whole process holds run alone, after the others: the log, which
/// the app writes through Serilog's process-wide logger that the newest test host replaces (a host
/// started by another test at the same time would take a test's log lines), and the process's
/// threads, where another test's would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
