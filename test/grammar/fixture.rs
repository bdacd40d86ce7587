// Grammar fixture: every scope the injection gives, and what it must leave alone.
use kernel::alloc::{flags, KBox, KVec};

fn f(gfp: Flags) -> Result {
    let v = KVec::<u8>::with_capacity(48, GFP_KERNEL | __GFP_ZERO)?;
    let b = KBox::new(Desc { len: 4 }, flags::GFP_ATOMIC)?;
    let a = Arc::pin_init(try_pin_init!(Inner { x: 0 }), GFP_KERNEL)?;
    let t = KVVec::<Ring>::with_capacity(1 << 20, gfp)?;
    let z = kvec![0u8; 16]?;
    v.push(7, GFP_NOWAIT)?;
    v.push_within_capacity(8);
    let raw = Kmalloc::realloc(None, layout, old, GFP_KERNEL, NumaNode::NO_NODE);
    // GFP_KERNEL in a comment and "KVec::push" in a string are not highlighted.
    let s = "GFP_KERNEL KVec";
    let other = Foo::new(1);
    Ok(())
}
