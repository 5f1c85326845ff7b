namespace Operator.TiKV.Pd;

/// <summary>The stored <c>metapb.StoreState</c> (an integer on the wire, omitted when Up).</summary>
public enum PdStoredState
{
    Up = 0,
    Offline = 1,
    Tombstone = 2,
}
