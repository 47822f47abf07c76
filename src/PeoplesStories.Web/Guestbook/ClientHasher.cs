using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeoplesStories.Web.Data;

namespace PeoplesStories.Web.Guestbook;

/// <summary>
/// Turns a client address into <c>HMAC-SHA256(secret, address + UTC day)</c>, truncated to 16 bytes
/// (32 hex digits): enough to see the same client twice on one day, never the address, and (the day
/// being part of the input) never the same value on two days, so hashes cannot be joined across days.
/// The secret is 32 random bytes generated once and kept in the database (<c>SiteSecrets</c>): it
/// survives restarts and is shared by every instance on the same database, wherever Data
/// Protection's keys happen to live (often an ephemeral folder in a container).
/// </summary>
public sealed class ClientHasher(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public const string SecretName = "guestbook-client-hash";

    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? key;

    public async Task<string> HashAsync(IPAddress? address, CancellationToken cancellationToken = default)
    {
        var secret = key ?? await LoadKeyAsync(cancellationToken);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var input = Encoding.UTF8.GetBytes((address?.ToString() ?? "unknown") + "|" + day);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, input).AsSpan(0, 16));
    }

    public void Dispose() => gate.Dispose();

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (key is not null)
            {
                return key;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StoriesDbContext>();
            var fresh = RandomNumberGenerator.GetBytes(32);
            var now = clock.GetUtcNow().UtcDateTime;
            // Whoever inserts first wins (another instance on the same database included); everyone reads that one.
            // Quoted names and ON CONFLICT: the same statement on SQLite and PostgreSQL.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "SiteSecrets" ("Name", "Value", "CreatedAt") VALUES ({SecretName}, {fresh}, {now}) ON CONFLICT ("Name") DO NOTHING""", cancellationToken);
            key = await db.SiteSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleAsync(cancellationToken);
            return key;
        }
        finally
        {
            gate.Release();
        }
    }
}
