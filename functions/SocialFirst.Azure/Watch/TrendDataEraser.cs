using SocialFirst.Core.Watch.Application;

namespace SocialFirst.Azure.Watch;

/// <summary>
/// Erases an author from the trend data in storage: first every brand's watch state (so a run that starts now works
/// without the author), then the observation rows (the author's go; others lose the author's case id), then the
/// incident records (the author's mention and case ids go, counts stay). A watch run that saved its state just before
/// and delivers an incident record just after this could write the author's ids back; a repeated erasure removes them.
/// </summary>
public sealed class TrendDataEraser(TableTrendObservationLog observations, TableIncidentStore incidents, BlobTrendStateStore states) : ITrendDataEraser
{
    public async Task<TrendDataErasure> EraseAsync(AuthorTrendKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stateCount = await states.EraseAuthorAsync(keys, cancellationToken);
        var observationCount = await observations.EraseAuthorAsync(keys, cancellationToken);
        var incidentCount = await incidents.EraseAuthorAsync(keys, cancellationToken);
        return new TrendDataErasure(observationCount, incidentCount, stateCount);
    }
}
