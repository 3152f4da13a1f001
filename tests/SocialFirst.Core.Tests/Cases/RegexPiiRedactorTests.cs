using SocialFirst.Core.Cases;

namespace SocialFirst.Core.Tests.Cases;

public class RegexPiiRedactorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "write to jane.doe+care@example.co.uk please", "write to [email] please" },
        { "call +386 40 123 456", "call [phone]" },
        { "call (555) 123-4567 now", "call [phone] now" },
        { "tel 0151 234 5678", "tel [phone]" },
        { "order 12345678 is late", "order 12345678 is late" },
        { "since 2024-01-15 nothing", "since 2024-01-15 nothing" },
        { "3 items for 19.99", "3 items for 19.99" },
        { "我的电话 13812345678", "我的电话 [phone]" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redact_Texts_ReplacesOnlyContactDetails(string text, string expected) => Assert.Equal(expected, RegexPiiRedactor.Redact(text));
}
