// Gives every library one translation unit of its own, so a layer whose folder holds only
// headers still builds as a library.
namespace ld::anchor {}
