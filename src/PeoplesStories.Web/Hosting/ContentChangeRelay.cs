using Microsoft.Extensions.Primitives;
using PeoplesStories.Web.Reading;
using StackExchange.Redis;

namespace PeoplesStories.Web.Hosting;

/// <summary>
/// Carries <see cref="ContentVersion.Changed"/> from node to node over a Redis channel, so that the
/// caches each node keeps in memory (the site navigation, and whatever else hangs on
/// <see cref="ContentVersion.Token"/>) never outlive a change made on another node. A change made here
/// is published with this node's id; a change heard from another node is applied here without being
/// published again.
/// </summary>
public sealed class ContentChangeRelay(IConnectionMultiplexer redis, ContentChangeRelay.Channel channel, ContentVersion version, ILogger<ContentChangeRelay> logger)
    : IHostedService, IDisposable
{
    /// <summary>Set while a change heard from another node is applied, so that it is not sent back out.</summary>
    [ThreadStatic]
    private static bool applyingRemote;

    private readonly string node = Guid.NewGuid().ToString("N");
    private IDisposable? watch;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(channel.Name, (_, message) =>
        {
            if (message != node)
            {
                applyingRemote = true;
                try
                {
                    version.Changed();
                }
                finally
                {
                    applyingRemote = false;
                }
            }
        });

        // ContentVersion cancels its token synchronously inside Changed(), on the caller's thread.
        watch = ChangeToken.OnChange(() => version.Token, Announce);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        watch?.Dispose();
        await redis.GetSubscriber().UnsubscribeAsync(channel.Name);
    }

    public void Dispose() => watch?.Dispose();

    private void Announce()
    {
        if (applyingRemote)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(channel.Name, node, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            // The change stands here; other nodes' menus may lag until their cache entries expire (10 minutes).
            logger.LogError(e, "Could not announce a content change to the other nodes");
        }
    }

    /// <summary>The Redis channel the nodes of one site share.</summary>
    public sealed record Channel(string Value)
    {
        public RedisChannel Name => RedisChannel.Literal(Value);
    }
}
