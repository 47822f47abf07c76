using System.Globalization;
using PeoplesStories.Fuzzing;

// Fuzzes the archive parser for a bounded time (see tests/load/fuzz-parser.sh).
//   SECONDS SEED OUT-DIR CORPUS-DIR...
// Exit code 0 when every input was answered soundly, 1 when an input failed (it is written to OUT-DIR).
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: SECONDS SEED OUT-DIR CORPUS-DIR...");
    return 2;
}

var seconds = int.Parse(args[0], CultureInfo.InvariantCulture);
var seed = int.Parse(args[1], CultureInfo.InvariantCulture);
var output = args[2];
var corpus = ArchiveFuzzer.LoadCorpus(args[3..]);
Console.WriteLine($"fuzz: {corpus.Count} corpus pages from {string.Join(", ", args[3..])}");
var report = new ArchiveFuzzer(corpus, seed, TimeSpan.FromSeconds(10)).Run(TimeSpan.FromSeconds(seconds));
Console.WriteLine(ArchiveFuzzer.Summary(report, seed));
if (report.Failures.Count == 0)
{
    return 0;
}

Directory.CreateDirectory(output);
for (var i = 0; i < report.Failures.Count; i++)
{
    var failure = report.Failures[i];
    var file = Path.Combine(output, $"{failure.Kind}-{seed}-{i:000}.txt");
    await File.WriteAllBytesAsync(file, failure.Input);
    await File.WriteAllTextAsync(file + ".reason", failure.Reason);
    Console.WriteLine($"{failure.Kind}: {file}: {failure.Reason.Split('\n')[0]}");
}

Console.WriteLine("Copy each input into tests/PeoplesStories.UnitTests/Parsing/FuzzRegressions/ (a unit test parses every file there), then fix the parser.");
return 1;
