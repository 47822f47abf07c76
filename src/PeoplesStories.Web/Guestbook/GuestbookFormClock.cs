using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PeoplesStories.Web.Guestbook;

/// <summary>
/// The time the sign form was served, carried in the form itself, protected with Data Protection so a
/// bot can neither forge nor backdate it.
/// </summary>
public sealed class GuestbookFormClock(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("PeoplesStories.Guestbook.FormServedAt");

    public string Issue() => protector.Protect(clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture));

    /// <summary>How long ago the form carrying <paramref name="token"/> was served; null when the token is missing or forged.</summary>
    public TimeSpan? Elapsed(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var ticks = long.Parse(protector.Unprotect(token), NumberStyles.None, CultureInfo.InvariantCulture);
            return clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
