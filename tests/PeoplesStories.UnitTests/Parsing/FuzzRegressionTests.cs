using PeoplesStories.Fuzzing;
using PeoplesStories.Testing;

namespace PeoplesStories.UnitTests.Parsing;

/// <summary>The parser answers damaged input soundly: the regression inputs, and a short fuzz run with a fixed seed.</summary>
public sealed class FuzzRegressionTests
{
    private static readonly string Regressions = Path.Combine(RepoPaths.Root, "tests", "PeoplesStories.UnitTests", "Parsing", "FuzzRegressions");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> RegressionInputs() => new(Directory.GetFiles(Regressions, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void A_regression_input_gets_records_or_a_clear_error(string name)
    {
        var failure = ArchiveFuzzer.Check(File.ReadAllBytes(Path.Combine(Regressions, name)), Timeout);
        Assert.True(failure is null, $"{name}: {failure?.Kind}: {failure?.Reason}");
    }

    [Fact]
    public void A_short_fuzz_run_from_the_seed_and_the_regressions_finds_nothing()
    {
        const int Seed = 20261128;
        var corpus = ArchiveFuzzer.LoadCorpus(RepoPaths.Seeds, Regressions);
        var report = new ArchiveFuzzer(corpus, Seed, Timeout).Run(TimeSpan.FromSeconds(60), maxInputs: 400);

        Assert.Equal(400, report.Inputs);
        Assert.True(report.Failures.Count == 0, ArchiveFuzzer.Summary(report, Seed) + "\n" + string.Join("\n", report.Failures.Select(f => $"{f.Kind}: {f.Reason}")));
    }

    [Fact]
    public void The_check_reports_an_answer_that_is_not_sound()
    {
        // A page the parser reads without error must hold stories: the check is not a formality.
        var failure = ArchiveFuzzer.Check("People's Stories Freedom\n\nA title\nby Someone\n\u00A0\nJune 2025\n\u00A0\nText.\n\nSubmit a Story Search by keyword and country Guestbook\n"u8.ToArray(), Timeout);
        Assert.Null(failure);
        Assert.Equal("exception", ArchiveFuzzer.CheckWith(_ => throw new InvalidOperationException("boom"), [1], Timeout)?.Kind);
        Assert.Equal("hang", ArchiveFuzzer.CheckWith(_ => { Thread.Sleep(2000); return null!; }, [1], TimeSpan.FromMilliseconds(100))?.Kind);
    }
}
