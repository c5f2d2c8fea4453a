// Vue's GlobalComponents for every tag, so templates are type-checked against the elements.
import type {} from 'kabar/vue';
