using System.Security.Cryptography;

namespace PeoplesStories.Web.Editor;

/// <summary>Random passwords that meet Identity's rules: at least one lower case letter, upper case letter, digit and symbol.</summary>
public static class PasswordGenerator
{
    public const int DefaultLength = 20;

    // Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!@#%+=";
    private const string All = Lower + Upper + Digits + Symbols;

    public static string Generate(int length = DefaultLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 12);
        var chars = new char[length];
        chars[0] = Pick(Lower);
        chars[1] = Pick(Upper);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < length; i++)
        {
            chars[i] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
}
