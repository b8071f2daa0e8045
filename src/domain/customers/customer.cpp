#include "domain/customers/customer.hpp"

namespace ld {

bool same_details(const Customer& a, const Customer& b) {
  return a.name == b.name && a.email == b.email && a.cpf == b.cpf && a.phone == b.phone &&
         a.birth_date == b.birth_date && a.addresses == b.addresses;
}

}  // namespace ld
