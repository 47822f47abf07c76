using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Testing;
using PeoplesStories.Web.Cli;

namespace PeoplesStories.IntegrationTests.Import;

public sealed class ExportCommandTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("stories-export-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public async Task An_archive_export_imports_back_to_exactly_the_same_stories()
    {
        string original;
        using (var source = new StoriesAppFactory())
        {
            source.CreateClient().Dispose();
            var export = await source.RunCommandAsync("export", "--format", "archive", "--output", output);
            Assert.Equal(CommandLine.Success, export.ExitCode);
            original = await StoriesAsJson(source);
        }

        var written = Assert.Single(Directory.GetFiles(output, "*.txt"));
        Assert.Equal("freedom.txt", Path.GetFileName(written));

        using var target = new StoriesAppFactory(importSeeds: false);
        var import = await target.RunCommandAsync("import", output);
        Assert.Equal(CommandLine.Success, import.ExitCode);
        Assert.Equal(original, await StoriesAsJson(target));
    }

    [Fact]
    public async Task A_json_export_holds_every_published_story_in_the_story_shape()
    {
        using var app = new StoriesAppFactory();
        app.CreateClient().Dispose();
        var result = await app.RunCommandAsync("export", "--format", "json", "--output", output);
        Assert.Equal(CommandLine.Success, result.ExitCode);

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "stories.json")));
        var stories = json.RootElement.GetProperty("stories");
        Assert.Equal(2, stories.GetArrayLength());
        Assert.Equal("000_bc923a49c6dd647c.txt", stories[0].GetProperty("file").GetString());
        Assert.Equal(6, stories[0].GetProperty("line").GetInt32());
        Assert.Equal(["IT", "RU", "UA"], stories[1].GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(39, stories[1].GetProperty("updates")[0].GetProperty("links").GetArrayLength());
    }

    /// <summary>Every stored story as JSON, without what differs by origin (ids, file, line).</summary>
    private static Task<string> StoriesAsJson(StoriesAppFactory app) => app.QueryAsync(async db =>
    {
        var stories = await db.Stories.AsNoTracking()
            .Include(s => s.Section).Include(s => s.Updates).ThenInclude(u => u.Links).Include(s => s.Countries)
            .OrderBy(s => s.Title).ToListAsync();
        return JsonSerializer.Serialize(stories.Select(s => new
        {
            s.Title,
            s.Byline,
            s.Slug,
            Section = s.Section.Name,
            s.State,
            s.LatestUpdateOn,
            Countries = s.Countries.OrderBy(c => c.CountryCode).Select(c => new { c.CountryCode, c.Mentions, c.IsPrimary }),
            Updates = s.Updates.OrderBy(u => u.Position).Select(u => new
            {
                u.Position, u.DateValue, u.DatePrecision, u.DateText, u.DateInferred, u.Headline, u.Body,
                Links = u.Links.OrderBy(l => l.Position).Select(l => new { l.Url, l.Host, l.DateValue, l.DatePrecision }),
            }),
        }));
    });
}
