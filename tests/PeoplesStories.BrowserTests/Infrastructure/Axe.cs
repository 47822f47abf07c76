using System.Text;
using System.Text.Json;

namespace PeoplesStories.BrowserTests.Infrastructure;

/// <summary>Runs axe-core (from npm, copied beside the tests by the build) in the page.</summary>
public static class Axe
{
    private const string RunScript = """
        async () => {
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            helpUrl: v.helpUrl,
            targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
          }));
        }
        """;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string ScriptPath { get; } = FindScript();

    public static string Version { get; } = ReadVersion();

    /// <summary>Injects axe-core and returns every violation on the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = ScriptPath });
        }

        var json = await page.EvaluateAsync<JsonElement>(RunScript);
        return json.Deserialize<List<AxeViolation>>(JsonOptions) ?? [];
    }

    public static bool IsSeriousOrCritical(AxeViolation violation) =>
        violation.Impact is "serious" or "critical";

    public static string Describe(IEnumerable<AxeViolation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.Append("  [").Append(v.Impact).Append("] ").Append(v.Id).Append(": ").Append(v.Help).Append(" (").Append(v.HelpUrl).AppendLine(")");
            foreach (var target in v.Targets)
            {
                text.Append("      at ").AppendLine(target);
            }
        }

        return text.ToString();
    }

    private static string FindScript()
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "axe-core", "axe.min.js"),
            Path.Combine(PeoplesStories.Testing.RepoPaths.Root, "tests", "PeoplesStories.BrowserTests", "node_modules", "axe-core", "axe.min.js"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("axe-core not found; the build runs npm ci in tests/PeoplesStories.BrowserTests. Looked at: " + string.Join(", ", candidates));
    }

    private static string ReadVersion()
    {
        using var reader = new StreamReader(ScriptPath);
        var head = reader.ReadLine() ?? "";
        var match = System.Text.RegularExpressions.Regex.Match(head, @"axe v([\d.]+)");
        return match.Success ? match.Groups[1].Value : "unknown";
    }
}

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets);
