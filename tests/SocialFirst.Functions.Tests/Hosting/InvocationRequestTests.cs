using System.Text;
using SocialFirst.Functions.Hosting;

namespace SocialFirst.Functions.Tests.Hosting;

public class InvocationRequestTests
{
    [Fact]
    public void Parse_CapturedServiceBusPayload_ReadsBodyAndMetadata()
    {
        // Shape captured from a real host (anthonychu/functions-dotnet5-custom-handler test.http): every string is double-encoded.
        const string payload = """
        {"Data":{"myQueueItem":"\"{\\\"hello\\\":\\\"world\\\"}\""},
         "Metadata":{"DeliveryCount":"1","MessageId":"\"088fb2b8f1b3437a9fa8e8d5d5d6f53e\"","hello":"\"world\"",
                     "sys":{"MethodName":"ProcessSb","UtcNow":"2020-11-03T04:13:38.9545584Z","RandGuid":"a1b2"}}}
        """;

        var request = InvocationRequest.Parse(Encoding.UTF8.GetBytes(payload));

        Assert.Equal("{\"hello\":\"world\"}", request.Data("myQueueItem"));
        Assert.Equal("088fb2b8f1b3437a9fa8e8d5d5d6f53e", request.Metadata("MessageId"));
        Assert.Equal(1, request.MetadataNumber("deliverycount"));
        Assert.Null(request.Data("missing"));
    }

    [Fact]
    public void Parse_CamelCaseKeys_AreAccepted()
    {
        var request = InvocationRequest.Parse("""{"data":{"mention":"{\"a\":1}"},"metadata":{"DequeueCount":2}}"""u8);

        Assert.Equal("{\"a\":1}", request.Data("mention"));
        Assert.Equal(2, request.MetadataNumber("DequeueCount"));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    public void Parse_NotAnObject_Throws(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => InvocationRequest.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
