using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using PeoplesStories.IntegrationTests.Infrastructure;

namespace PeoplesStories.IntegrationTests.Data;

/// <summary>
/// Data Protection's keys (sign-in cookies, form tokens) are kept in the stories database, so that a
/// site started again, or another node on the same database, reads what the first one protected.
/// </summary>
public sealed class DataProtectionKeysTests : IDisposable
{
    private const string Purpose = "DataProtectionKeysTests";

    private readonly StoriesAppFactory first = new(importSeeds: false);
    private StoriesAppFactory? second;

    public void Dispose()
    {
        second?.Dispose();
        first.Dispose();
    }

    [Fact]
    public async Task Keys_are_stored_in_the_database_and_read_by_a_second_site_on_it()
    {
        _ = first.Server;
        var protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("a visitor's token");

        var stored = await first.ScalarAsync("""SELECT "Xml" FROM "DataProtectionKeys" ORDER BY "Id" LIMIT 1""");
        Assert.NotNull(stored);
        Assert.StartsWith("<key id=", stored);
        var firstKeys = first.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order().ToList();
        Assert.NotEmpty(firstKeys);

        second = Second();
        Assert.Equal(firstKeys, second.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => k.KeyId).Order().ToList());
        Assert.Equal("a visitor's token", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedText));
    }

    [Fact]
    public async Task A_damaged_key_row_is_skipped_and_the_other_keys_still_work()
    {
        _ = first.Server;
        var protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("kept");
        await first.ScalarAsync("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ('damaged', '<key id="broken"')""");

        second = Second();
        Assert.Equal("kept", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(protectedText));
        Assert.Equal(
            first.Services.GetRequiredService<IKeyManager>().GetAllKeys().Count,
            second.Services.GetRequiredService<IKeyManager>().GetAllKeys().Count);
    }

    /// <summary>A second site on the first one's database, started after the first has made its key.</summary>
    private StoriesAppFactory Second()
    {
        var app = new StoriesAppFactory(importSeeds: false).WithSetting("ConnectionStrings:Stories", first.Database.ConnectionString);
        _ = app.Server;
        return app;
    }
}
