using System.Collections.Concurrent;
using System.Net;
using PeoplesStories.IntegrationTests.Infrastructure;
using PeoplesStories.Web.Data;
using static PeoplesStories.IntegrationTests.Editor.EditorSession;
using static PeoplesStories.IntegrationTests.Guestbook.GuestbookClient;

namespace PeoplesStories.IntegrationTests.Guestbook;

/// <summary>Many visitors signing at once: every accepted signature is stored and listed exactly once.</summary>
public sealed class GuestbookConcurrencyTests : IDisposable
{
    private const int Signers = 64;

    private readonly StoriesAppFactory app = NewApp();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Sixty_four_parallel_signers_are_each_stored_and_listed_exactly_once()
    {
        // Start the app (and its database) before the crowd arrives.
        using (var warm = NewClient(app))
        {
            await warm.GetDocumentAsync("/guestbook");
        }

        var accepted = new ConcurrentBag<string>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signers = Enumerable.Range(0, Signers).Select(async i =>
        {
            using var client = NewClient(app);
            var (_, token, formTime) = await GetFormAsync(client);
            var message = $"Signer {i:00} was here ({Guid.NewGuid():N})";
            await start.Task;
            using var response = await PostAsync(client, token, formTime, $"Signer {i:00}", message);
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/guestbook?thanks=published")
            {
                accepted.Add(message);
            }
            else
            {
                Assert.Fail($"Signer {i} got {(int)response.StatusCode} {response.Headers.Location}");
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(signers);

        var stored = await EntriesAsync(app);
        Assert.Equal(Signers, accepted.Count);
        Assert.Equal(accepted.Count, stored.Count(e => e.State == GuestbookState.Published));
        Assert.Equal(accepted.Order(StringComparer.Ordinal), stored.Select(e => e.Message).Order(StringComparer.Ordinal));

        using var reader = NewClient(app);
        var listed = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            listed.AddRange(await PublicMessagesAsync(reader, page == 1 ? "/guestbook" : $"/guestbook?page={page}"));
        }

        using var beyond = await reader.GetAsync("/guestbook?page=5");
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
        Assert.Equal(accepted.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
    }
}
