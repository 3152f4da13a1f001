namespace SocialFirst.Core.Classification;

/// <summary>Classifies texts. Results come back in the order of the requests, one per request.</summary>
public interface IMentionClassifier
{
    Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<ClassificationRequest> requests, CancellationToken cancellationToken);
}
