namespace Operator.TiKV.Pd;

/// <summary>PD error codes (the <c>PD:&lt;component&gt;:&lt;ErrName&gt;</c> in <c>[PD:…]message</c>) the operator acts on.</summary>
public static class PdErrorCodes
{
    /// <summary>No TiKV has registered yet: cluster-scoped endpoints answer 500 with this until one does.</summary>
    public const string NotBootstrapped = "PD:cluster:ErrNotBootstrapped";

    public const string StoreNotFound = "PD:core:ErrStoreNotFound";

    public const string RegionNotFound = "PD:region:ErrRegionNotFound";

    /// <summary>A follower could not proxy to the PD leader because there is none (HTTP 503, plain text).</summary>
    public const string RedirectNoLeader = "PD:apiutil:ErrRedirectNoLeader";

    /// <summary>A follower failed to proxy to the PD leader (HTTP 500, plain text).</summary>
    public const string RedirectFailed = "PD:apiutil:ErrRedirect";
}
