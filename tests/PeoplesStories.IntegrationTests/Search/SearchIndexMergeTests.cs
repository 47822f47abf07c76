#if !POSTGRES_TESTS
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Cli;
using PeoplesStories.Web.Search;
using static PeoplesStories.Testing.ArchiveText;

namespace PeoplesStories.IntegrationTests.Search;

/// <summary>
/// An import run that indexes <see cref="StorySearch.MergeAfterStories"/> stories or more leaves the
/// SQLite index in one segment; a small run leaves merging to FTS5, whose merging is on after either.
/// </summary>
public sealed class SearchIndexMergeTests : IDisposable
{
    private const int Files = 5;
    private const int StoriesPerFile = (StorySearch.MergeAfterStories / Files) + 1;

    private readonly StoriesAppFactory app = new(importSeeds: false);

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_large_import_ends_with_the_index_in_one_segment_and_a_small_one_does_not_merge()
    {
        var large = Directory.CreateDirectory(Path.Combine(app.Folder, "large")).FullName;
        for (var file = 1; file <= Files; file++)
        {
            var stories = Enumerable.Range(1, StoriesPerFile)
                .SelectMany(i => Story($"Bulk case {file} {i}", "Merge Desk", "2024", $"Mergeword appears in file {file}, case {i}."))
                .ToArray();
            await File.WriteAllTextAsync(Path.Combine(large, $"page-{file}.txt"), Page("Freedom", stories));
        }

        await ImportAsync(large);
        Assert.Equal(1, await SegmentsAsync());
        Assert.Equal(Files * StoriesPerFile, (await SearchAsync("mergeword", countAll: true)).Total);

        // Two small files in one run: each file's stories are a segment of their own, left as they are.
        var small = Directory.CreateDirectory(Path.Combine(app.Folder, "small")).FullName;
        await File.WriteAllTextAsync(Path.Combine(small, "a.txt"), Page("Freedom", Story("Small case one", "Merge Desk", "2024", "Smallword one.")));
        await File.WriteAllTextAsync(Path.Combine(small, "b.txt"), Page("Freedom", Story("Small case two", "Merge Desk", "2024", "Smallword two.")));
        await ImportAsync(small);
        Assert.True(await SegmentsAsync() > 1);
        Assert.Equal(2, (await SearchAsync("smallword")).Total);
        Assert.Equal(Files * StoriesPerFile, (await SearchAsync("mergeword", countAll: true)).Total);
    }

    /// <summary>Imports a folder; FTS5's own merging, off during the run, is on again after it.</summary>
    private async Task ImportAsync(string folder)
    {
        var result = await app.RunCommandAsync("import", folder);
        Assert.True(result.ExitCode == CommandLine.Success, result.Stdout + result.Stderr);
        Assert.Equal(4, await app.QueryAsync(db => db.Database.SqlQueryRaw<int>("""SELECT "v" AS "Value" FROM "StorySearch_config" WHERE "k" = 'automerge'""").SingleAsync()));
    }

    private async Task<SearchResults> SearchAsync(string text, bool countAll = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StorySearch>().SearchAsync(new SearchQuery(text), countAll);
    }

    /// <summary>
    /// The index's segments, from FTS5's structure record (row 10 of its data table): a 4-byte
    /// cookie, in the second version of the record a 0xFF 0 0 0 marker and a counter, then the
    /// number of levels and the number of segments, as varints.
    /// </summary>
    private async Task<long> SegmentsAsync()
    {
        var block = await app.QueryAsync(db => db.Database.SqlQueryRaw<byte[]>("""SELECT "block" AS "Value" FROM "StorySearch_data" WHERE "id" = 10""").SingleAsync());
        var at = 4;
        if (block is [_, _, _, _, 0xFF, 0, 0, 0, ..])
        {
            at += 4;
            Varint(block, ref at);
        }

        Varint(block, ref at);
        return Varint(block, ref at);
    }

    private static long Varint(byte[] bytes, ref int at)
    {
        long value = 0;
        byte b;
        do
        {
            b = bytes[at++];
            value = (value << 7) | (b & 0x7Fu);
        }
        while ((b & 0x80) != 0 && at < bytes.Length);
        return value;
    }
}
#endif
