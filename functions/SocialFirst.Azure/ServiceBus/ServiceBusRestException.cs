using SocialFirst.Azure.Http;

namespace SocialFirst.Azure.ServiceBus;

/// <summary>A Service Bus REST call failed for good; the message has status and error code, never a token or key.</summary>
public sealed class ServiceBusRestException : RestServiceException
{
    public ServiceBusRestException()
    {
    }

    public ServiceBusRestException(string message)
        : base(message)
    {
    }

    public ServiceBusRestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceBusRestException(string operation, int status, string? errorCode, string? detail)
        : base("Service Bus", operation, status, errorCode, detail)
    {
    }
}
