using System.Net;
using System.Text.Json;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Health;

/// <summary><c>/healthz</c> (liveness) and <c>/readyz</c> (database reachable and migrated), against a real database.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly StoriesAppFactory app = new();

    public void Dispose() => app.Dispose();

    private static async Task<JsonElement> GetAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "health answers are never cached");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Both_answer_healthy_on_a_migrated_database()
    {
        using var client = app.CreateClient();

        var live = await GetAsync(client, "/healthz", HttpStatusCode.OK);
        Assert.Equal("""{"status":"Healthy"}""", live.GetRawText());

        var ready = await GetAsync(client, "/readyz", HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_pending_migration_makes_readyz_503_until_it_is_applied()
    {
        using var client = app.CreateClient();
        await GetAsync(client, "/readyz", HttpStatusCode.OK);

        // Forget the newest migration: to EF Core it is now pending, as after deploying a build whose migration did not run.
        var newest = await app.ScalarAsync("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""");
        var version = await app.ScalarAsync($"""SELECT "ProductVersion" FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{newest}'""");
        await app.ScalarAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{newest}'""");

        var notReady = await GetAsync(client, "/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", notReady.GetProperty("status").GetString());
        var database = notReady.GetProperty("checks").GetProperty("database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains("1 pending migration", database.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(newest!, database.GetProperty("description").GetString(), StringComparison.Ordinal);

        // Liveness does not look at the database.
        await GetAsync(client, "/healthz", HttpStatusCode.OK);

        await app.ScalarAsync($"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('{newest}', '{version}')""");
        await GetAsync(client, "/readyz", HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_makes_readyz_503_while_healthz_stays_200()
    {
        using var client = app.CreateClient();
        await GetAsync(client, "/readyz", HttpStatusCode.OK);

        app.Database.TakeAway();

        var notReady = await GetAsync(client, "/readyz", HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Unhealthy", notReady.GetProperty("status").GetString());
        Assert.Equal("The database does not answer.", notReady.GetProperty("checks").GetProperty("database").GetProperty("description").GetString());
        await GetAsync(client, "/healthz", HttpStatusCode.OK);
    }
}
