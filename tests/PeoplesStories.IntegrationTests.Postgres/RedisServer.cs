using StackExchange.Redis;

namespace PeoplesStories.IntegrationTests.Infrastructure;

/// <summary>The Redis the several-node tests share: <c>REDIS_TESTS_CONFIGURATION</c>, or one on 127.0.0.1:6379.</summary>
public static class RedisServer
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string Configuration =>
        Environment.GetEnvironmentVariable("REDIS_TESTS_CONFIGURATION") is { Length: > 0 } configured ? configured : "127.0.0.1:6379";

    /// <summary>Why the tests cannot run here, or null when Redis answers.</summary>
    public static string? SkipReason => Unavailable.Value;

    private static string? Probe()
    {
        try
        {
            using var redis = ConnectionMultiplexer.Connect(Configuration + ",connectTimeout=2000");
            redis.GetDatabase().Ping();
            return null;
        }
        catch (RedisException e)
        {
            return $"No Redis at {Configuration} ({e.Message}). Start one on loopback (redis-server --bind 127.0.0.1) or set REDIS_TESTS_CONFIGURATION.";
        }
    }
}

/// <summary>A test that needs PostgreSQL and Redis, skipped (with the reason) when either does not answer.</summary>
public sealed class SeveralNodesFactAttribute : Xunit.FactAttribute
{
    public SeveralNodesFactAttribute() => Skip = PostgresServer.SkipReason ?? RedisServer.SkipReason;
}
