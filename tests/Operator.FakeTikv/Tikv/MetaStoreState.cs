namespace Operator.FakeTikv.Tikv;

/// <summary>metapb.StoreState: the state PD stores (JSON <c>state</c>, omitted when Up; <c>/stores?state=</c> filters on it).</summary>
public enum MetaStoreState
{
    Up = 0,
    Offline = 1,
    Tombstone = 2,
}
