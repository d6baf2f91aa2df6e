import { setupPolicyMatchers } from "../../policies/jest";

setupPolicyMatchers();
